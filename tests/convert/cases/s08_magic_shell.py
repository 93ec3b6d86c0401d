# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %%
# !ls -l
# x = !pwd
# y = %time f()
# ! echo hi
!!ls
  # !pwd
# z=!ls
# _a1 = %env
# v$ = !x
w = ! ls
