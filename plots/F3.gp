# F3: written by `scaling plot`. Edit and re-render from this directory:
#   gnuplot F3.gp                  -> F3.png
#   gnuplot -e "fmt='svg'" F3.gp   -> F3.svg
if (!exists("fmt")) fmt = "png"
if (!exists("out")) out = "F3." . fmt
# pngcairo when gnuplot has it; `scaling plot` passes pngterm='png' (libgd) when it does not.
if (!exists("pngterm")) pngterm = "pngcairo"
if (fmt eq "svg") {
  set terminal svg size 900,560 dynamic enhanced font "Sans,16.00" background "#ffffff"
} else {
  if (pngterm eq "png") {
    set terminal png size 900,560 enhanced truecolor font "Sans,12" background "#ffffff"
  } else {
    set terminal pngcairo size 900,560 enhanced font "Sans,12" background "#ffffff"
  }
}
set output out
# Sizes that differ between the terminals, so that PNG and SVG look the same.
textscale = (fmt eq "svg") ? 4.0/3 : 1.0
pointscale = (fmt eq "svg") ? 0.625 : 1.0
# svg reckons characters larger than pngcairo: shorter ticks and tick labels pulled in for svg.
ticscale = (fmt eq "svg") ? 0.67 : 1.0
ticshift = (fmt eq "svg") ? 0.45 : 0.0
set multiplot

# ---- panel 1
reset
set border lw 1 lc rgb "#333333"
set tics nomirror out scale ticscale
set xtics offset 0, ticshift; set ytics offset ticshift, 0
set errorbars small
unset key
set lmargin at screen 0.0827; set rmargin at screen 0.9733
set bmargin at screen 0.4339; set tmargin at screen 0.9057
set label "SFT examples" at screen 0.5280, 0.3418 center
set label "greedy error rate (%)" at screen 0.0133, 0.6698 center rotate by 90
set grid xtics ytics lt 1 lc rgb "#e4e4e4" lw 1
set logscale x
set xrange [42.6666666667:24576]
set xtics ("64" 64, "256" 256, "1024" 1024, "4096" 4096, "16384" 16384)
set logscale y
set yrange [0.233413057939:47.864053776]
set ytics ("0.5" 0.5, "1" 1, "2" 2, "5" 5, "10" 10, "20" 20)
set label "E3: error rate vs SFT data for each model size" at screen 0.5, 0.9646 center font sprintf(",%g", 14 * textscale)
set label "error bars: 95% interval (nested bootstrap: pretraining seeds, SFT seeds, test questions); pale: each pretraining seed's mean" at screen 0.5, 0.0171 center font sprintf(",%g", 10 * textscale) tc rgb "#444444"
plot "F3-1.dat" using 1:2:3 with filledcurves fc rgb "#0072B2" fs transparent solid 0.18 noborder notitle, \
     "F3-2.dat" using 1:2:3 with filledcurves fc rgb "#D55E00" fs transparent solid 0.18 noborder notitle, \
     "F3-3.dat" using 1:2:3 with filledcurves fc rgb "#009E73" fs transparent solid 0.18 noborder notitle, \
     "F3-4.dat" using 1:2 with lines lc rgb "#0072B2" lw 2.0 dt 1 notitle, \
     "F3-5.dat" using 1:2 with lines lc rgb "#0072B2" lw 2.0 dt 2 notitle, \
     "F3-6.dat" using 1:2 with lines lc rgb "#D55E00" lw 2.0 dt 1 notitle, \
     "F3-7.dat" using 1:2 with lines lc rgb "#D55E00" lw 2.0 dt 2 notitle, \
     "F3-8.dat" using 1:2 with lines lc rgb "#009E73" lw 2.0 dt 1 notitle, \
     "F3-9.dat" using 1:2 with lines lc rgb "#009E73" lw 2.0 dt 2 notitle, \
     "F3-10.dat" using 1:2 with points lc rgb "#7FB8D8" lw 1.0 dt 1 pt 7 ps 0.54*pointscale notitle, \
     "F3-11.dat" using 1:2 with points lc rgb "#7FB8D8" lw 1.0 dt 1 pt 7 ps 0.54*pointscale notitle, \
     "F3-12.dat" using 1:2 with points lc rgb "#7FB8D8" lw 1.0 dt 1 pt 7 ps 0.54*pointscale notitle, \
     "F3-13.dat" using 1:2 with points lc rgb "#7FB8D8" lw 1.0 dt 1 pt 7 ps 0.54*pointscale notitle, \
     "F3-14.dat" using 1:2:3:4 with yerrorbars lc rgb "#0072B2" lw 2.0 dt 1 pt 7 ps 1.2*pointscale notitle, \
     "F3-15.dat" using 1:2 with points lc rgb "#EAAE7F" lw 1.0 dt 1 pt 5 ps 0.54*pointscale notitle, \
     "F3-16.dat" using 1:2 with points lc rgb "#EAAE7F" lw 1.0 dt 1 pt 5 ps 0.54*pointscale notitle, \
     "F3-17.dat" using 1:2 with points lc rgb "#EAAE7F" lw 1.0 dt 1 pt 5 ps 0.54*pointscale notitle, \
     "F3-18.dat" using 1:2 with points lc rgb "#EAAE7F" lw 1.0 dt 1 pt 5 ps 0.54*pointscale notitle, \
     "F3-19.dat" using 1:2:3:4 with yerrorbars lc rgb "#D55E00" lw 2.0 dt 1 pt 5 ps 1.2*pointscale notitle, \
     "F3-20.dat" using 1:2 with points lc rgb "#7FCEB9" lw 1.0 dt 1 pt 9 ps 0.54*pointscale notitle, \
     "F3-21.dat" using 1:2 with points lc rgb "#7FCEB9" lw 1.0 dt 1 pt 9 ps 0.54*pointscale notitle, \
     "F3-22.dat" using 1:2 with points lc rgb "#7FCEB9" lw 1.0 dt 1 pt 9 ps 0.54*pointscale notitle, \
     "F3-23.dat" using 1:2 with points lc rgb "#7FCEB9" lw 1.0 dt 1 pt 9 ps 0.54*pointscale notitle, \
     "F3-24.dat" using 1:2:3:4 with yerrorbars lc rgb "#009E73" lw 2.0 dt 1 pt 9 ps 1.2*pointscale notitle

# ---- legend
reset
unset border; unset tics; unset xlabel; unset ylabel
set xrange [0:1]; set yrange [0:1]
set lmargin at screen 0.0000; set rmargin at screen 1.0000
set bmargin at screen 0.0396; set tmargin at screen 0.3182
set key inside center center vertical maxrows 5 Left reverse samplen 3.5 spacing 1.15 width 1
plot NaN notitle, \
     keyentry with yerrorbars lc rgb "#0072B2" lw 2.0 dt 1 pt 7 ps 1.2*pointscale title "d64L2 (129K params): error ∝ N^{-0.368} (95% CI -0.522 to -0.276)", \
     keyentry with yerrorbars lc rgb "#D55E00" lw 2.0 dt 1 pt 5 ps 1.2*pointscale title "d96L2 (267K params): error ∝ N^{-0.354} (95% CI -0.770 to -0.206)", \
     keyentry with yerrorbars lc rgb "#009E73" lw 2.0 dt 1 pt 9 ps 1.2*pointscale title "d128L2 (455K params): error ∝ N^{-0.247} (95% CI -0.662 to -0.074)", \
     keyentry with filledcurves fc rgb "#777777" fs transparent solid 0.25 noborder title "95% confidence band", \
     keyentry with lines lc rgb "#000000" lw 2.0 dt 2 title "extrapolation (4x the data)"
unset multiplot
