# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %%
# a=%time f
# b = %%time
# c = %%%x
d = %1
# # e = !pwd
# #f = %env
1x = !ls
g.h = !ls
i = !
j = % x
