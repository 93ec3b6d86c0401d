# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %%
s = ('a'
     # %locals())
t = [
  # !ls
]
