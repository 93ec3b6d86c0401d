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

# %% magic_args="-i df -w 400" language="R"
# plot(df)

# %% magic_args="-s arg1 \"arg 2\"" language="bash"
# echo $1

# %% magic_args=" two  spaces" language="R"
# x
