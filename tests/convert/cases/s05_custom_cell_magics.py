# ---
# jupyter:
#   jupytext:
#     custom_cell_magics: mymagic,other
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% language="mymagic"
# x = 1

# %% magic_args="a b" language="other"
# y

# %%
# %%notlisted
z
