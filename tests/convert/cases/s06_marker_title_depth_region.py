# ---
# jupyter:
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
