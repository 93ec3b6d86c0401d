# ---
# jupyter:
#   jupytext:
#     text_representation:
#       format_version: '1.0'
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %%
x = 1
