# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %%
# !echo a \
#     b \
#   c
d = 1

# %%
# %time f( \   
# x)
# %time g()

# %%
# ls \
# x = 1 \
#   + 2
