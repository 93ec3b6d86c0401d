# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.5.dev0
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% active="py"
raw py

# %% active="ipynb"
# raw ipynb

# %% active="ipynb,py"
raw both

# %% active="py.R"
raw dotted

# %% active="ipynb"
# c = 1

# %% active="py"
d = 2

# %% [markdown] active="py"
# md active

# %% [raw]
# empty active
