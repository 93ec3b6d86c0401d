# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %%
x = 1

# %% magic_args="foo bar"
y = 2

# %%

# %% [markdown]
# text

# %%
z = 3
