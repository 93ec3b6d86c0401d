# ---
# jupyter:
#   kernelspec:
#     display_name: Py
#     language: ''
#     name: python3
# ---

# %%
x = 1
