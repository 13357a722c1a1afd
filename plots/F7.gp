# F7: written by `scaling plot`. Edit and re-render from this directory:
#   gnuplot F7.gp                  -> F7.png
#   gnuplot -e "fmt='svg'" F7.gp   -> F7.svg
if (!exists("fmt")) fmt = "png"
if (!exists("out")) out = "F7." . fmt
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

# ---- panel 1: gsm-like problems
reset
set border lw 1 lc rgb "#333333"
set tics nomirror out scale ticscale
set xtics offset 0, ticshift; set ytics offset ticshift, 0
set errorbars small
unset key
set lmargin at screen 0.1053; set rmargin at screen 0.9733
set bmargin at screen 0.2282; set tmargin at screen 0.8800
set label "gsm-like problems" at screen 0.5393, 0.9014 center
set label "SFT examples" at screen 0.5393, 0.1361 center
set label "greedy accuracy (%)" at screen 0.0133, 0.5541 center rotate by 90
set grid xtics ytics lt 1 lc rgb "#e4e4e4" lw 1
set xrange [0.4:1.6]
set xtics ("1024" 1)
set yrange [0:105.490820336]
set label "E7: synthetic answers with and without verification" at screen 0.5, 0.9646 center font sprintf(",%g", 14 * textscale)
set label "error bars: 95% interval (nested bootstrap: SFT seeds, test questions); 1 pretraining seed" at screen 0.5, 0.0171 center font sprintf(",%g", 10 * textscale) tc rgb "#444444"
plot "F7-1.dat" using 1:2:3:4:5:6 with boxxyerror fc rgb "#0072B2" fs solid 0.9 border lc rgb "#333333" notitle, \
     "F7-2.dat" using 1:2:3:4:5:6 with boxxyerror fc rgb "#D55E00" fs solid 0.9 border lc rgb "#333333" notitle, \
     "F7-3.dat" using 1:3:(0):($4-$3) with vectors nohead lc rgb "#222222" lw 2.0 dt 1 notitle, \
     "F7-4.dat" using 1:2:3 with labels offset 0,0.8 tc rgb "#333333" notitle

# ---- legend
reset
unset border; unset tics; unset xlabel; unset ylabel
set xrange [0:1]; set yrange [0:1]
set lmargin at screen 0.0000; set rmargin at screen 1.0000
set bmargin at screen 0.0396; set tmargin at screen 0.1125
set key inside center center vertical maxrows 1 Left reverse samplen 3.5 spacing 1.15 width 1
plot NaN notitle, \
     keyentry with boxes fc rgb "#0072B2" fs solid 0.9 border lc rgb "#333333" title "not verified", \
     keyentry with boxes fc rgb "#D55E00" fs solid 0.9 border lc rgb "#333333" title "verified"
unset multiplot
