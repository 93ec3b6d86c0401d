# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
r"""
A markdown cell
in r quotes
"""

# %%
x = 1


# %% language="R" magic_args="-w 3"
# plot(x)

# %% magic_args="foo bar"
y = 2

# %% language="python"
# ls
