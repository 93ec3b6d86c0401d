# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% language="R" a=1 magic_args="-w 3"
# x

# %% b=2 language="bash"
# ls
