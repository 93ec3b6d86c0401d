# ---
# jupyter:
#   kernel_info:
#     name: python3
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   orphan: true
#   tocdepth: 2
# ---

# %%
x = 1
