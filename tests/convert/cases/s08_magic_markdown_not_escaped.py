# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# %time
# !ls
# ls
# # %time

# %% [raw]
# %time
# ls
