# ---
# jupyter:
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
