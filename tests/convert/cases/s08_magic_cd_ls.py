# ---
# jupyter:
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
