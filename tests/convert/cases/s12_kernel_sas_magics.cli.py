# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.5.dev0
#   kernelspec:
#     display_name: sas
#     language: sas
#     name: sas
# ---

# %%
%time x
!ls
ls
cd ..
?x
x = !pwd
# %time
%%time x
x = 1

# %% language="python"
# x = 1

# %% [markdown] language="bash"
# ls
