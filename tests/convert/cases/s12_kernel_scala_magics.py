# ---
# jupyter:
#   kernelspec:
#     display_name: scala
#     language: scala
#     name: scala
# ---

# %%
// %time x
!ls
ls
cd ..
?x
x = !pwd
# %time
// %%time x
x = 1

# %% language="python"
# x = 1

# %% [markdown] language="bash"
# ls
