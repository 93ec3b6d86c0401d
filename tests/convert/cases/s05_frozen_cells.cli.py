# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.5.dev0
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
