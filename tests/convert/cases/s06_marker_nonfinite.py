# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% a=NaN b=Infinity c=-Infinity d=[NaN, 1]
x = 1
