# ---
# jupyter:
#   jupytext:
#     cell_markers: '"""'
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
"""
has """ quotes
"""

# %% [markdown]
"""
has ''' quotes
"""

# %% [markdown]
"""
crlf
lines

"""
