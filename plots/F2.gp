# F2: written by `scaling plot`. Edit and re-render from this directory:
#   gnuplot F2.gp                  -> F2.png
#   gnuplot -e "fmt='svg'" F2.gp   -> F2.svg
if (!exists("fmt")) fmt = "png"
if (!exists("out")) out = "F2." . fmt
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
set lmargin at screen 0.1053; set rmargin at screen 0.9733
set bmargin at screen 0.2796; set tmargin at screen 0.9057
set label "SFT examples" at screen 0.5393, 0.1875 center
set label "greedy accuracy (%)" at screen 0.0133, 0.5927 center rotate by 90
set grid xtics ytics lt 1 lc rgb "#e4e4e4" lw 1
set logscale x
set xrange [682.666666667:24576]
set xtics ("1024" 1024, "2048" 2048, "4096" 4096, "8192" 8192, "16384" 16384)
set yrange [*:100]
set arrow from 4096, graph 0 to 4096, graph 1 nohead dt 3 lw 1.5 lc rgb "#555555"
set label "real pool: 4096" at 4096, graph 0.97 right offset -0.5,0 tc rgb "#555555"
set label "E2: real vs synthetic SFT data" at screen 0.5, 0.9646 center font sprintf(",%g", 14 * textscale)
set label "error bars: 95% interval (nested bootstrap: SFT seeds, test questions); 1 pretraining seed" at screen 0.5, 0.0171 center font sprintf(",%g", 10 * textscale) tc rgb "#444444"
plot "F2-1.dat" using 1:2:3 with filledcurves fc rgb "#D55E00" fs transparent solid 0.18 noborder notitle, \
     "F2-2.dat" using 1:2 with lines lc rgb "#D55E00" lw 2.0 dt 1 notitle, \
     "F2-3.dat" using 1:2 with lines lc rgb "#D55E00" lw 2.0 dt 2 notitle, \
     "F2-4.dat" using 1:2:3:4 with yerrorbars lc rgb "#0072B2" lw 2.0 dt 1 pt 7 ps 1.2*pointscale notitle, \
     "F2-5.dat" using 1:2:3:4 with yerrorbars lc rgb "#D55E00" lw 2.0 dt 1 pt 5 ps 1.2*pointscale notitle

# ---- legend
reset
unset border; unset tics; unset xlabel; unset ylabel
set xrange [0:1]; set yrange [0:1]
set lmargin at screen 0.0000; set rmargin at screen 1.0000
set bmargin at screen 0.0396; set tmargin at screen 0.1639
set key inside center center vertical maxrows 2 Left reverse samplen 3.5 spacing 1.15 width 1
plot NaN notitle, \
     keyentry with yerrorbars lc rgb "#0072B2" lw 2.0 dt 1 pt 7 ps 1.2*pointscale title "real (no fit: fewer than 3 sizes)", \
     keyentry with yerrorbars lc rgb "#D55E00" lw 2.0 dt 1 pt 5 ps 1.2*pointscale title "synthetic: y = 0.795 x^{0.0142}", \
     keyentry with filledcurves fc rgb "#777777" fs transparent solid 0.25 noborder title "95% confidence band", \
     keyentry with lines lc rgb "#000000" lw 2.0 dt 2 title "extrapolation"
unset multiplot
