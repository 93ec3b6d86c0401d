# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %%
class A: pass


# %% [markdown]
# text

# %%
x = 1
