# ---
# jupyter:
#   jupytext:
#     notebook_metadata_filter: all
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ok.key@x/y-z_1: 3
# ---

# %%
x = 1
