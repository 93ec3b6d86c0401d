# ---
# jupyter:
#   jupytext:
#     cell_markers: '"""begin,end"""'
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
"""beginpairend"""

# %% [markdown]
r"""beginpair \end"""
