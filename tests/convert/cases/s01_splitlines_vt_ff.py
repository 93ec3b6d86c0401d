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
c = 3

# %% [markdown]
# page one
# page two
