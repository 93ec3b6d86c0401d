# ---
# jupyter:
#   kernelspec:
#     display_name: R
#     language: R
#     name: ir
# ---

# %%
# %time x
!ls
ls
cd ..
?x
x = !pwd
# # %time
# %%time x
x = 1

# %% language="python"
# x = 1

# %% [markdown] language="bash"
# ls
