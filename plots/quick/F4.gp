# F4: written by `scaling plot`. Edit and re-render from this directory:
#   gnuplot F4.gp                  -> F4.png
#   gnuplot -e "fmt='svg'" F4.gp   -> F4.svg
if (!exists("fmt")) fmt = "png"
if (!exists("out")) out = "F4." . fmt
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

# ---- panel 1: accuracy by number of steps (d128L2)
reset
set border lw 1 lc rgb "#333333"
set tics nomirror out scale ticscale
set xtics offset 0, ticshift; set ytics offset ticshift, 0
set errorbars small
unset key
set lmargin at screen 0.1053; set rmargin at screen 0.4733
set bmargin at screen 0.3825; set tmargin at screen 0.8800
set label "accuracy by number of steps (d128L2)" at screen 0.2893, 0.9014 center
set label "reasoning steps in the question" at screen 0.2893, 0.2904 center
set label "accuracy (%)" at screen 0.0133, 0.6312 center rotate by 90
set grid xtics ytics lt 1 lc rgb "#e4e4e4" lw 1
set xrange [0.6:4.4]
set xtics ("1" 1, "2" 2, "3" 3, "4" 4)
set yrange [0:100]
set label "E4: accuracy by number of reasoning steps s, and (Acc_{step})^{s}" at screen 0.5, 0.9646 center font sprintf(",%g", 14 * textscale)
set label "error bars: 95% interval over test questions and each run's fit interval for Acc_{step} only (1 seed per point)" at screen 0.5, 0.0171 center font sprintf(",%g", 10 * textscale) tc rgb "#444444"
plot "F4-1.dat" using 1:2 with lines lc rgb "#0072B2" lw 2.0 dt 1 notitle, \
     "F4-2.dat" using 1:2:3:4 with yerrorbars lc rgb "#0072B2" lw 2.0 dt 1 pt 7 ps 1.2*pointscale notitle, \
     "F4-3.dat" using 1:2 with lines lc rgb "#D55E00" lw 2.0 dt 1 notitle, \
     "F4-4.dat" using 1:2:3:4 with yerrorbars lc rgb "#D55E00" lw 2.0 dt 1 pt 5 ps 1.2*pointscale notitle, \
     "F4-5.dat" using 1:2 with lines lc rgb "#009E73" lw 2.0 dt 1 notitle, \
     "F4-6.dat" using 1:2:3:4 with yerrorbars lc rgb "#009E73" lw 2.0 dt 1 pt 9 ps 1.2*pointscale notitle, \
     "F4-7.dat" using 1:2 with lines lc rgb "#CC79A7" lw 2.0 dt 1 notitle, \
     "F4-8.dat" using 1:2:3:4 with yerrorbars lc rgb "#CC79A7" lw 2.0 dt 1 pt 11 ps 1.2*pointscale notitle

# ---- panel 2: per-step reliability vs SFT size
reset
set border lw 1 lc rgb "#333333"
set tics nomirror out scale ticscale
set xtics offset 0, ticshift; set ytics offset ticshift, 0
set errorbars small
unset key
set lmargin at screen 0.6053; set rmargin at screen 0.9733
set bmargin at screen 0.3825; set tmargin at screen 0.8800
set label "per-step reliability vs SFT size" at screen 0.7893, 0.9014 center
set label "SFT examples" at screen 0.7893, 0.2904 center
set label "%" at screen 0.5133, 0.6312 center rotate by 90
set grid xtics ytics lt 1 lc rgb "#e4e4e4" lw 1
set logscale x
set xrange [10.6666666667:1536]
set xtics ("base" 16, "64" 64, "256" 256, "1024" 1024)
set yrange [0:100]
plot "F4-9.dat" using 1:2:3:4 with yerrorlines lc rgb "#E69F00" lw 2.0 dt 1 pt 13 ps 1.2*pointscale notitle, \
     "F4-10.dat" using 1:2:3:4 with yerrorlines lc rgb "#56B4E9" lw 2.0 dt 1 pt 15 ps 1.2*pointscale notitle

# ---- legend
reset
unset border; unset tics; unset xlabel; unset ylabel
set xrange [0:1]; set yrange [0:1]
set lmargin at screen 0.0000; set rmargin at screen 1.0000
set bmargin at screen 0.0396; set tmargin at screen 0.2668
set key inside center center vertical maxrows 4 Left reverse samplen 3.5 spacing 1.15 width 1
plot NaN notitle, \
     keyentry with yerrorbars lc rgb "#0072B2" lw 2.0 dt 1 pt 7 ps 1.2*pointscale title "base model: Acc_{step} = 90.3%", \
     keyentry with yerrorbars lc rgb "#D55E00" lw 2.0 dt 1 pt 5 ps 1.2*pointscale title "SFT 64: Acc_{step} = 89.7%", \
     keyentry with yerrorbars lc rgb "#009E73" lw 2.0 dt 1 pt 9 ps 1.2*pointscale title "SFT 256: Acc_{step} = 94.1%", \
     keyentry with yerrorbars lc rgb "#CC79A7" lw 2.0 dt 1 pt 11 ps 1.2*pointscale title "SFT 1024: Acc_{step} = 96.5%", \
     keyentry with lines lc rgb "#000000" lw 2.0 dt 1 title "(Acc_{step})^{s} (fitted)", \
     keyentry with yerrorlines lc rgb "#E69F00" lw 2.0 dt 1 pt 13 ps 1.2*pointscale title "Acc_{step} (per-step accuracy)", \
     keyentry with yerrorlines lc rgb "#56B4E9" lw 2.0 dt 1 pt 15 ps 1.2*pointscale title "first wrong step (% of steps)"
unset multiplot
