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

# %%
# ls
# cd ..
# cat file
# cp a b
# mv a b
# rm -rf x
# rmdir d
# mkdir d
# copy a b
# ddir
# echo hi
# ldir
# ren a b
ls = 3
cat = 42
ls,
ls=1
# ls 
# ls  x
lsx
  ls
# ls	
echo(1)
# ls -l
# mkdir
# cd
cd=1
ls ,x
ls =x
