# F1: written by `scaling plot`. Edit and re-render from this directory:
#   gnuplot F1.gp                  -> F1.png
#   gnuplot -e "fmt='svg'" F1.gp   -> F1.svg
if (!exists("fmt")) fmt = "png"
if (!exists("out")) out = "F1." . fmt
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

# ---- panel 1: d128L2 (455K params)
reset
set border lw 1 lc rgb "#333333"
set tics nomirror out scale ticscale
set xtics offset 0, ticshift; set ytics offset ticshift, 0
set errorbars small
unset key
set lmargin at screen 0.1053; set rmargin at screen 0.9733
set bmargin at screen 0.2796; set tmargin at screen 0.8800
set label "d128L2 (455K params)" at screen 0.5393, 0.9014 center
set label "SFT examples" at screen 0.5393, 0.1875 center
set label "accuracy (%)" at screen 0.0133, 0.5798 center rotate by 90
set grid xtics ytics lt 1 lc rgb "#e4e4e4" lw 1
set logscale x
set xrange [10.6666666667:1536]
set xtics ("base" 16, "64" 64, "256" 256, "1024" 1024)
set yrange [0:100]
set label "E1: Pass\\@N, PassRatio\\@N and greedy accuracy vs SFT data" at screen 0.5, 0.9646 center font sprintf(",%g", 14 * textscale)
set label "error bars: 95% interval over test questions only (1 seed per point)" at screen 0.5, 0.0171 center font sprintf(",%g", 10 * textscale) tc rgb "#444444"
plot "F1-1.dat" using 1:2:3:4 with yerrorlines lc rgb "#0072B2" lw 2.0 dt 1 pt 7 ps 1.2*pointscale notitle, \
     "F1-2.dat" using 1:2:3:4 with yerrorlines lc rgb "#D55E00" lw 2.0 dt 1 pt 5 ps 1.2*pointscale notitle, \
     "F1-3.dat" using 1:2:3:4 with yerrorlines lc rgb "#009E73" lw 2.0 dt 1 pt 9 ps 1.2*pointscale notitle

# ---- legend
reset
unset border; unset tics; unset xlabel; unset ylabel
set xrange [0:1]; set yrange [0:1]
set lmargin at screen 0.0000; set rmargin at screen 1.0000
set bmargin at screen 0.0396; set tmargin at screen 0.1639
set key inside center center vertical maxrows 2 Left reverse samplen 3.5 spacing 1.15 width 1
plot NaN notitle, \
     keyentry with yerrorlines lc rgb "#0072B2" lw 2.0 dt 1 pt 7 ps 1.2*pointscale title "Pass\\@N (any of N samples right)", \
     keyentry with yerrorlines lc rgb "#D55E00" lw 2.0 dt 1 pt 5 ps 1.2*pointscale title "PassRatio\\@N (share of samples right)", \
     keyentry with yerrorlines lc rgb "#009E73" lw 2.0 dt 1 pt 9 ps 1.2*pointscale title "greedy accuracy"
unset multiplot
