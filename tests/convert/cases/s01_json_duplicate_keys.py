# ---
# jupyter:
#   kernelspec:
#     display_name: New
#     language: python
#     name: python3
# ---

# %% a=3 b=2 tags=["y", "z"]
second = 2
