# ---
# jupyter:
#   kernelspec:
#     display_name: 'Python 3.10.4 64-bit (''base'': conda)'
#     language: python
#     name: python3
# ---

# %%
x = 1
