# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %%
x = 1
# %%
y = 2



# %% [markdown]
# m


# %%
def f(): pass

# %%
z = 3
