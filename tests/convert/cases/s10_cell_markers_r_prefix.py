# ---
# jupyter:
#   jupytext:
#     cell_markers: r"""
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
r"""
r prefix \n
"""

# %% [markdown]
r"""
plain
"""
