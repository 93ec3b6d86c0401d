# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# m

# %% [raw]
# r

# %% [markdown]
x = 1
