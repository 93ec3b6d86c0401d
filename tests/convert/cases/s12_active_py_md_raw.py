# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% tags=["active-py"]
print('md')

# %% active="py"
print('raw')

# %% tags=["active-py"]
print('raw tag')
