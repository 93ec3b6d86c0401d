# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% n t=true f=false s="str" l=[1, 2.0, true, null] o={"n": [1, 2.0, true, null]} empty_o={} empty_l=[] empty_s="" raw {text} = here
x = 1
