# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %%
a = 1
b = 2


# %% [markdown]
# line one
# line two

# %%
c = 3
