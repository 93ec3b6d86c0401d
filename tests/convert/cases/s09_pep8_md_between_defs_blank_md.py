# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %%
def f():
    pass


# %% [markdown]
#

# %%
g = 1
