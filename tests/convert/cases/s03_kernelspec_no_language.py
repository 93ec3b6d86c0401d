# ---
# jupyter:
#   kernelspec:
#     display_name: Py
#     name: python3
# ---

# %%
x = 1
