#!/bin/bash
# run.sh TAG NAME <librec rec args>: one job from the jars frozen as /tmp/snap/uclr2-TAG, nice 10, 1 thread,
# output in /tmp/uclr2/runs/NAME (log.txt, command.txt)
tag=$1; name=$2; shift 2
out=/tmp/uclr2/runs/$name; mkdir -p $out
AMZ="-D data.domains=book,music,video,dvd -D data.name=amazon-cdtf -D data.domain.book.path=../shared/data/amazon-cdtf/book.tsv.gz -D data.domain.music.path=../shared/data/amazon-cdtf/music.tsv.gz -D data.domain.video.path=../shared/data/amazon-cdtf/video.tsv.gz -D data.domain.dvd.path=../shared/data/amazon-cdtf/dvd.tsv.gz"
args=("$@"); for i in "${!args[@]}"; do [[ "${args[$i]}" == '$AMZ' ]] && args[$i]=$AMZ; done
cmd="/work/notes/snaprun /work/uclr2 uclr2-$tag -- rec ${args[*]} -D rec.threads=1 -D rec.output.dir=$out"
echo "$cmd" > $out/command.txt
echo "snapshot uclr2-$tag = $(cat /tmp/snap/uclr2-$tag/version 2>/dev/null || git -C /work/uclr2 rev-parse --short=12 HEAD)" >> $out/command.txt
cd /work/uclr2 && eval nice -n 10 $cmd > $out/log.txt 2>&1
echo "rc=$?" >> $out/command.txt
