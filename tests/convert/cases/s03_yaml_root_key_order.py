# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernel_info:
#     name: x
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   orphan: false
#   tocdepth: 1
# ---

# %%
x = 1
