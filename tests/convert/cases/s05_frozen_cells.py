# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% run_control={"frozen": true}
# x = 1

# %% run_control={"frozen": false}
y = 2

# %% run_control={"frozen": true} tags=["active-py"]
# z = 3

# %% deletable=false editable=false run_control={"frozen": true}
# %time f()
