# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
"""
in triple quotes
"""

# %% [markdown]
'''
single
'''

# %% [markdown]
r"""
with \ backslash
"""

# %% [markdown]
r"""
r prefix
"""

# %% [markdown]
# not triple

# %%
x = 1
