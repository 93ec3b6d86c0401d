# ---
# jupyter:
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
