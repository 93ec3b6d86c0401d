# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [heading]
# Old heading

# %% [foo] k=1
# x
# y

# %%
x = 1
