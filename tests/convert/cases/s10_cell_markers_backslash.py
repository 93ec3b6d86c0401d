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
r"""
back\slash
"""

# %% [markdown]
"""
no slash
"""

# %% language="R"
r"""
x \ y
"""
