namespace Cuboid.Understanding.Reports;

/// <summary>
/// The script of report.html. Playback drives the page: on each <c>timeupdate</c> (a few times a second, not every
/// frame) a binary search finds the current sample, chapter and transcript line, and only when one changes does the
/// page touch the DOM (move a class, scroll that item's own box). Thumbnails load when their card nears the view.
/// Clicks on anything with <c>data-t</c> seek; <c>data-s</c> names the sample card the click selects. Space plays and
/// pauses; the arrow keys step between samples. Without a playable video everything still highlights and scrolls.
/// </summary>
internal static class ReportHtmlScript
{
    public const string Js = """
        (function(){
          'use strict';
          var video=document.getElementById('video'),player=document.getElementById('player'),note=document.getElementById('novideo');
          var film=document.getElementById('film'),chapterBox=document.getElementById('chapters'),transcriptBox=document.getElementById('transcript');
          var strip=document.getElementById('strip'),playhead=document.getElementById('playhead');
          var duration=strip?parseFloat(strip.dataset.d):0;
          var playable=!!video;
          function all(root,sel){return root?Array.prototype.slice.call(root.querySelectorAll(sel)):[];}
          function times(list){return list.map(function(el){return parseFloat(el.dataset.t);});}
          var cards=all(film,'.card'),cardTimes=times(cards);
          var chapters=all(chapterBox,'li'),chapterTimes=times(chapters);
          var lines=all(transcriptBox,'p'),lineTimes=times(lines);
          // The last item starting at or before t (-1 before the first): a binary search, so 2,000 samples cost nothing.
          function lastAt(ts,t){var lo=0,hi=ts.length-1,found=-1;while(lo<=hi){var mid=(lo+hi)>>1;if(ts[mid]<=t+0.001){found=mid;lo=mid+1;}else{hi=mid-1;}}return found;}
          // Scroll an item into view inside its own box only, never the page.
          function keep(box,el){
            if(!box||!el)return;var b=box.getBoundingClientRect(),r=el.getBoundingClientRect();
            if(box.scrollWidth>box.clientWidth&&(r.left<b.left||r.right>b.right)){box.scrollTo({left:box.scrollLeft+r.left-b.left-(b.width-r.width)/2,behavior:'smooth'});}
            if(box.scrollHeight>box.clientHeight&&(r.top<b.top||r.bottom>b.bottom)){box.scrollTo({top:box.scrollTop+r.top-b.top-(b.height-r.height)/2,behavior:'smooth'});}
          }
          var current={card:-1,chapter:-1,line:-1};
          function mark(kind,list,box,i){
            if(current[kind]===i)return;
            if(current[kind]>=0)list[current[kind]].classList.remove('current');
            current[kind]=i;
            if(i>=0){list[i].classList.add('current');keep(box,list[i]);}
          }
          // A clicked card stays selected until playback reaches the next sample (its frame may lie just after the seek time).
          var held=-1,heldFrom=0;
          function follow(t){
            var c=lastAt(cardTimes,t);
            if(held>=0){if(t>=heldFrom-0.05&&(held+1>=cardTimes.length||t<cardTimes[held+1]-0.001)){c=held;}else{held=-1;}}
            mark('card',cards,film,c);
            mark('chapter',chapters,chapterBox,lastAt(chapterTimes,t));
            mark('line',lines,transcriptBox,lastAt(lineTimes,t));
            if(playhead&&duration>0){playhead.style.left=Math.min(100,Math.max(0,t/duration*100))+'%';}
          }
          function seek(t,sample){
            held=sample>=0?sample:-1;heldFrom=t;
            if(playable&&video.readyState>0){video.currentTime=t;}
            follow(t);
          }
          function failed(){
            if(!playable)return;playable=false;
            if(player)player.classList.add('missing');if(note)note.hidden=false;
          }
          if(video){
            video.addEventListener('error',failed);
            var source=video.querySelector('source');if(source)source.addEventListener('error',failed);
            if(video.error)failed();
            video.addEventListener('timeupdate',function(){follow(video.currentTime);});
            video.addEventListener('seeked',function(){follow(video.currentTime);});
          }
          document.addEventListener('click',function(e){
            var el=e.target.closest?e.target.closest('[data-t]'):null;if(!el||el===strip)return;
            e.preventDefault();seek(parseFloat(el.dataset.t),el.dataset.s!==undefined?parseInt(el.dataset.s,10):-1);
          });
          if(strip){strip.addEventListener('click',function(e){var r=strip.getBoundingClientRect();seek(Math.max(0,Math.min(1,(e.clientX-r.left)/r.width))*duration,-1);});}
          document.addEventListener('keydown',function(e){
            var tag=e.target&&e.target.tagName;
            if(e.altKey||e.ctrlKey||e.metaKey||tag==='INPUT'||tag==='TEXTAREA'||tag==='SELECT'||tag==='BUTTON'||e.target===video)return;
            if(e.key===' '||e.key==='Spacebar'){
              e.preventDefault();if(!playable)return;
              if(video.paused){var p=video.play();if(p&&p.catch)p.catch(function(){});}else{video.pause();}
            }else if(e.key==='ArrowRight'||e.key==='ArrowLeft'){
              if(cards.length===0)return;e.preventDefault();
              var at=current.card<0?(e.key==='ArrowRight'?0:-1):current.card+(e.key==='ArrowRight'?1:-1);
              var next=Math.max(0,Math.min(cards.length-1,at));seek(cardTimes[next],next);
            }
          });
          // Thumbnails load when their card nears the view: a 3-hour video's 2,000 cards decode no image until seen.
          function show(img){if(img.dataset.src){img.src=img.dataset.src;img.removeAttribute('data-src');}}
          var imgs=all(film,'img[data-src]');
          if('IntersectionObserver' in window){
            var io=new IntersectionObserver(function(entries){entries.forEach(function(en){if(en.isIntersecting){show(en.target);io.unobserve(en.target);}});},{root:film,rootMargin:'0px 800px'});
            imgs.forEach(function(img){io.observe(img);});
          }else{imgs.forEach(show);}
          follow(0);
        })();
        """;
}
