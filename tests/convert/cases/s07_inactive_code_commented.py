# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% language="bash"
# ls
#
# echo 'x'

# %% language="R"
# %time
#

# %% tags=["active-ipynb"]
# a = 1
