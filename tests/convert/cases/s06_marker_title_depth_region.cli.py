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

# %%%% T [markdown]
# md

# %% My title
x = 1

# %%% Title tags=["a"]
y = 2

# %% [md]
# m

# %% Raw title [raw]
# r

# %%  two words [md]
# t

# %%%%%
z = 3
