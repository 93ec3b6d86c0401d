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
# %R
body

# %%
# %bash
body

# %%
# %c#
body

# %%
# %c++
body

# %%
# %clojure
body

# %%
# %coconut
body

# %%
# %cs
body

# %%
# %csharp
body

# %%
# %cython
body

# %%
# %f#
body

# %%
# %fs
body

# %%
# %fsharp
body

# %%
# %gnuplot
body

# %%
# %go
body

# %%
# %groovy
body

# %%
# %haskell
body

# %%
# %html
body

# %%
# %idl
body

# %%
# %java
body

# %%
# %javascript
body

# %%
# %js
body

# %%
# %julia
body

# %%
# %latex
body

# %%
# %logtalk
body

# %%
# %lua
body

# %%
# %markdown
body

# %%
# %matlab
body

# %%
# %maxima
body

# %%
# %ocaml
body

# %%
# %octave
body

# %%
# %perl
body

# %%
# %powershell
body

# %%
# %pypy
body

# %%
# %python
body

# %%
# %python2
body

# %%
# %python3
body

# %%
# %q
body

# %%
# %robotframework
body

# %%
# %ruby
body

# %%
# %rust
body

# %%
# %sage
body

# %%
# %sas
body

# %%
# %scala
body

# %%
# %scheme
body

# %%
# %script
body

# %%
# %sh
body

# %%
# %sos
body

# %%
# %spark
body

# %%
# %sql
body

# %%
# %stata
body

# %%
# %svg
body

# %%
# %tcl
body

# %%
# %typescript
body

# %%
# %xonsh
body
