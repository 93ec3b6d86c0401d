# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %%
# # %time x
# #ls
# # ls the files
# ## %time
# # !ls
# #%matplotlib
# # # %time
#  %time
# # x = !pwd
#  ls
# # cd ..
