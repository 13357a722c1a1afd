# F5: written by `scaling plot`. Edit and re-render from this directory:
#   gnuplot F5.gp                  -> F5.png
#   gnuplot -e "fmt='svg'" F5.gp   -> F5.svg
if (!exists("fmt")) fmt = "png"
if (!exists("out")) out = "F5." . fmt
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

# ---- panel 1: d64L2 (129K params)
reset
set border lw 1 lc rgb "#333333"
set tics nomirror out scale ticscale
set xtics offset 0, ticshift; set ytics offset ticshift, 0
set errorbars small
unset key
set lmargin at screen 0.1053; set rmargin at screen 0.3067
set bmargin at screen 0.2550; set tmargin at screen 0.8800
set label "d64L2 (129K params)" at screen 0.2060, 0.9014 center
set label "SFT examples" at screen 0.2060, 0.1629 center
set label "share of wrong answers (%)" at screen 0.0133, 0.5675 center rotate by 90
set grid xtics ytics lt 1 lc rgb "#e4e4e4" lw 1
set logscale x
set xrange [10.6666666667:6144]
set xtics ("base" 16, "64" 64, "512" 512, "4096" 4096)
set yrange [0:105]
set label "E5: calculation vs reasoning errors vs SFT data" at screen 0.5, 0.9646 center font sprintf(",%g", 14 * textscale)
set label "error bars (calculation share): 95% interval (nested bootstrap: pretraining seeds, SFT seeds, test questions)" at screen 0.5, 0.0439 center font sprintf(",%g", 10 * textscale) tc rgb "#444444"
set label "dots: each pretraining seed's mean" at screen 0.5, 0.0171 center font sprintf(",%g", 10 * textscale) tc rgb "#444444"
plot "F5-1.dat" using 1:2:3:4:5:6 with boxxyerror fc rgb "#D55E00" fs solid 0.9 border lc rgb "#333333" notitle, \
     "F5-2.dat" using 1:2:3:4:5:6 with boxxyerror fc rgb "#0072B2" fs solid 0.9 border lc rgb "#333333" notitle, \
     "F5-3.dat" using 1:2:3:4:5:6 with boxxyerror fc rgb "#000000" fs solid 0.9 border lc rgb "#333333" notitle, \
     "F5-4.dat" using 1:3:(0):($4-$3) with vectors nohead lc rgb "#222222" lw 2.0 dt 1 notitle, \
     "F5-5.dat" using 1:2 with points lc rgb "#222222" lw 2.0 dt 1 pt 6 ps 0.8999999999999999*pointscale notitle

# ---- panel 2: d96L2 (267K params)
reset
set border lw 1 lc rgb "#333333"
set tics nomirror out scale ticscale
set xtics offset 0, ticshift; set ytics offset ticshift, 0
set errorbars small
unset key
set lmargin at screen 0.4387; set rmargin at screen 0.6400
set bmargin at screen 0.2550; set tmargin at screen 0.8800
set label "d96L2 (267K params)" at screen 0.5393, 0.9014 center
set label "SFT examples" at screen 0.5393, 0.1629 center
set label "share of wrong answers (%)" at screen 0.3467, 0.5675 center rotate by 90
set grid xtics ytics lt 1 lc rgb "#e4e4e4" lw 1
set logscale x
set xrange [10.6666666667:6144]
set xtics ("base" 16, "64" 64, "512" 512, "4096" 4096)
set yrange [0:105]
plot "F5-6.dat" using 1:2:3:4:5:6 with boxxyerror fc rgb "#D55E00" fs solid 0.9 border lc rgb "#333333" notitle, \
     "F5-7.dat" using 1:2:3:4:5:6 with boxxyerror fc rgb "#0072B2" fs solid 0.9 border lc rgb "#333333" notitle, \
     "F5-8.dat" using 1:2:3:4:5:6 with boxxyerror fc rgb "#000000" fs solid 0.9 border lc rgb "#333333" notitle, \
     "F5-9.dat" using 1:3:(0):($4-$3) with vectors nohead lc rgb "#222222" lw 2.0 dt 1 notitle, \
     "F5-10.dat" using 1:2 with points lc rgb "#222222" lw 2.0 dt 1 pt 6 ps 0.8999999999999999*pointscale notitle

# ---- panel 3: d128L2 (455K params)
reset
set border lw 1 lc rgb "#333333"
set tics nomirror out scale ticscale
set xtics offset 0, ticshift; set ytics offset ticshift, 0
set errorbars small
unset key
set lmargin at screen 0.7720; set rmargin at screen 0.9733
set bmargin at screen 0.2550; set tmargin at screen 0.8800
set label "d128L2 (455K params)" at screen 0.8727, 0.9014 center
set label "SFT examples" at screen 0.8727, 0.1629 center
set label "share of wrong answers (%)" at screen 0.6800, 0.5675 center rotate by 90
set grid xtics ytics lt 1 lc rgb "#e4e4e4" lw 1
set logscale x
set xrange [10.6666666667:6144]
set xtics ("base" 16, "64" 64, "512" 512, "4096" 4096)
set yrange [0:105]
plot "F5-11.dat" using 1:2:3:4:5:6 with boxxyerror fc rgb "#D55E00" fs solid 0.9 border lc rgb "#333333" notitle, \
     "F5-12.dat" using 1:2:3:4:5:6 with boxxyerror fc rgb "#0072B2" fs solid 0.9 border lc rgb "#333333" notitle, \
     "F5-13.dat" using 1:2:3:4:5:6 with boxxyerror fc rgb "#000000" fs solid 0.9 border lc rgb "#333333" notitle, \
     "F5-14.dat" using 1:3:(0):($4-$3) with vectors nohead lc rgb "#222222" lw 2.0 dt 1 notitle, \
     "F5-15.dat" using 1:2 with points lc rgb "#222222" lw 2.0 dt 1 pt 6 ps 0.8999999999999999*pointscale notitle

# ---- legend
reset
unset border; unset tics; unset xlabel; unset ylabel
set xrange [0:1]; set yrange [0:1]
set lmargin at screen 0.0000; set rmargin at screen 1.0000
set bmargin at screen 0.0664; set tmargin at screen 0.1393
set key inside center center vertical maxrows 1 Left reverse samplen 3.5 spacing 1.15 width 1
plot NaN notitle, \
     keyentry with boxes fc rgb "#D55E00" fs solid 0.9 border lc rgb "#333333" title "calculation errors", \
     keyentry with boxes fc rgb "#0072B2" fs solid 0.9 border lc rgb "#333333" title "reasoning errors", \
     keyentry with boxes fc rgb "#000000" fs solid 0.9 border lc rgb "#333333" title "format errors"
unset multiplot
